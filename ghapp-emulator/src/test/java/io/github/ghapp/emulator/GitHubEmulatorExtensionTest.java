package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension: one emulator per class by default, a fresh one per test on request, faults never leaking. */
class GitHubEmulatorExtensionTest {

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class SharedPerClass {

        @RegisterExtension
        static final GitHubEmulatorExtension github = GitHubEmulatorExtension.fromState("extension-state.yaml");
        static final AtomicInteger firstPort = new AtomicInteger();

        @Test
        @Order(1)
        void first_changesStateAndInjectsAFault() {
            firstPort.set(github.emulator().port());
            github.emulator().createAccount("added-in-first", "User");
            github.emulator().faults().failNext(10, 502);
        }

        @Test
        @Order(2)
        void second_seesTheSameEmulatorAndState_butNotTheFault() {
            assertThat(github.emulator().port()).isEqualTo(firstPort.get());
            Http.Reply reply = Http.at(github.baseUrl()).bearer(Tokens.jwt(github.emulator(), 3003))
                    .get("/users/added-in-first/installation");
            assertThat(reply.status()).as("no 502 left over; the account exists but has no installation").isEqualTo(404);
        }

        @Test
        @Order(3)
        void fromState_readsTheClasspathResource() {
            assertThat(github.app(3003).clientId()).isEqualTo("Iv23liExtension");
            assertThat(github.baseUrl().toString()).startsWith("http://127.0.0.1:");
            assertThat(Tokens.mintReplyFor(github.emulator(), 3003, 300).status()).isEqualTo(201);
        }
    }

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class FreshPerTest {

        @RegisterExtension
        static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();
        static final AtomicInteger firstPort = new AtomicInteger();

        @Test
        @Order(1)
        void first_createsAnAccount() {
            firstPort.set(github.emulator().port());
            github.emulator().createAccount("only-in-first", "User");
        }

        @Test
        @Order(2)
        void second_runsOnANewEmulatorWithoutIt() {
            assertThat(github.emulator().port()).isNotEqualTo(firstPort.get());
            assertThat(github.app(1001).slug()).isEqualTo("octo-app");
            Http.Reply reply = Http.at(github.baseUrl()).bearer(Tokens.jwt(github.emulator(), 1001))
                    .get("/users/only-in-first/installation");
            assertThat(reply.status()).isEqualTo(404);
        }
    }

    @Test
    void outsideOfTests_theExtensionSaysWhenItsEmulatorRuns() {
        GitHubEmulatorExtension unused = GitHubEmulatorExtension.demo();

        org.assertj.core.api.Assertions.assertThatThrownBy(unused::baseUrl)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only while tests run");
    }
}
