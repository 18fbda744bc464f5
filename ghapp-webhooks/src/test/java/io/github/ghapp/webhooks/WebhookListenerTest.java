package io.github.ghapp.webhooks;

import static io.github.ghapp.webhooks.Deliveries.headers;
import static io.github.ghapp.webhooks.Deliveries.issueOpened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The listener with deliveries handed to {@link Webhooks#handle} in process. */
class WebhookListenerTest extends WebhookListenerContract {

  @Override
  void started(Webhooks hooks) {}

  @Override
  WebhookResult deliver(Map<String, String> headers, byte[] body) {
    return hooks.handle(headers, body);
  }

  @Test
  void streamShorterThanItsContentLength_isRefusedForItsBody() throws Exception {
    build(b -> b.executor(Runnable::run));
    byte[] body = issueOpened(1);
    Map<String, String> headers = headers("issues", "d-1", body);
    headers.put("Content-Length", String.valueOf(body.length + 1));

    hooks.handle(headers, new ByteArrayInputStream(body));

    assertThat(listener.take(2)).containsExactly("received", "refused MALFORMED_BODY 400");
  }

  @Test
  void contentLengthThatIsNotANumber_isRefusedForTheBody() throws Exception {
    build(b -> b.executor(Runnable::run));
    byte[] body = issueOpened(1);
    Map<String, String> headers = headers("issues", "d-1", body);
    headers.put("Content-Length", "many");

    hooks.handle(headers, new ByteArrayInputStream(body));

    assertThat(listener.take(2)).containsExactly("received", "refused MALFORMED_BODY 400");
  }

  @Test
  void streamCutOff_isRefusedForTheBody() throws Exception {
    build(b -> b.executor(Runnable::run));
    InputStream cut =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };

    hooks.handle(headers("issues", "d-1", new byte[0]), cut);

    assertThat(listener.take(2)).containsExactly("received", "refused MALFORMED_BODY 400");
  }

  @Test
  void declaredLengthOverTheLimit_isRefusedAsTooLarge() throws Exception {
    build(b -> b.executor(Runnable::run));
    Map<String, String> headers = headers("ping", "d-1", new byte[0]);
    headers.put("Content-Length", String.valueOf(LIMIT + 1));

    hooks.handle(headers, InputStream.nullInputStream());

    assertThat(listener.take(2)).containsExactly("received", "refused TOO_LARGE 413");
  }

  @Test
  void throwingListener_isLoggedAtWarnNamingTheListenerAndTheCall() {
    Logger logger = (Logger) LoggerFactory.getLogger(Webhooks.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      hooks =
          Webhooks.builder()
              .secret(Deliveries.SECRET)
              .executor(Runnable::run)
              .listener(new ThrowingListener())
              .build();
      byte[] body = issueOpened(1);

      assertThat(hooks.handle(headers("issues", "d-1", body), body).status()).isEqualTo(202);
    } finally {
      logger.detachAppender(logs);
    }

    assertThat(logs.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactlyInAnyOrder(
            "webhook listener " + ThrowingListener.class.getName() + " threw in received; ignored",
            "webhook listener " + ThrowingListener.class.getName() + " threw in handled; ignored",
            "webhook listener " + ThrowingListener.class.getName() + " threw in accepted; ignored");
  }

  @Test
  void listener_setTwiceOrNull_isRefused() {
    assertThatThrownBy(() -> Webhooks.builder().listener(WebhookListener.NONE).listener(listener))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("listener was already set");
    assertThatThrownBy(() -> Webhooks.builder().listener(null))
        .isInstanceOf(NullPointerException.class);
  }
}
