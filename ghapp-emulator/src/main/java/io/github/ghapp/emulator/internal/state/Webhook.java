package io.github.ghapp.emulator.internal.state;

import java.util.Objects;

/** An app's webhook target. The secret never appears in {@link #toString()}. */
public record Webhook(String url, String secret) {

    public Webhook {
        Objects.requireNonNull(url, "url");
    }

    @Override
    public String toString() {
        return "Webhook[url=" + url + ", secret=" + (secret == null ? "none" : "***") + "]";
    }
}
