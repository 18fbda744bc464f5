package io.github.ghapp.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What a user sees when a real application fails to start for a wrong ghapp setting. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTest {

  @Test
  void badKey_isReportedInOneLine_withTheAction_andNoStackTraceOrKey(CapturedOutput output) {
    String broken = TestKeys.PEM.substring(0, TestKeys.PEM.length() / 2);
    SpringApplication application = new SpringApplication(Service.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    assertThatThrownBy(
            () ->
                application.run(
                    "--ghapp.client-id=Iv23liTest",
                    "--ghapp.private-key=" + broken,
                    "--spring.main.banner-mode=off"))
        .isNotNull();
    assertThat(output.getOut() + output.getErr())
        .contains("APPLICATION FAILED TO START")
        .containsPattern("Description:\\s+ghapp\\.private-key: [^\\n]+\\n\\s+Action:")
        .contains(
            "Action:\n\nSet ghapp.private-key to the app's private key as GitHub downloads it")
        .doesNotContain("\tat ")
        .doesNotContain(broken.substring(40, 80));
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Service {}
}
