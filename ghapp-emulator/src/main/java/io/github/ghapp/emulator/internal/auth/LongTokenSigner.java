package io.github.ghapp.emulator.internal.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.ghapp.emulator.internal.state.Pem;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Date;

/**
 * The long, stateless token format github.com introduced in 2026: {@code ghs_<app id>_<JWT>}, about 520
 * characters with dots inside. The JWT is signed with a key the emulator makes for itself at start; the
 * emulator still looks tokens up by hash (so revocation works), the signature only makes the token look
 * and parse like the real thing. Clients must treat it as opaque, which is exactly what this tests.
 */
public final class LongTokenSigner {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final RSASSASigner signer;

    public LongTokenSigner() {
        KeyPair pair = Pem.generateRsaKeyPair();
        this.signer = new RSASSASigner(pair.getPrivate());
    }

    public String sign(IssuedToken token) {
        byte[] jti = new byte[16];
        RANDOM.nextBytes(jti);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("ghapp-emulator")
                .subject("installation:" + token.installationId())
                .claim("app_id", token.appId())
                .issueTime(Date.from(token.createdAt()))
                .expirationTime(Date.from(token.expiresAt()))
                .jwtID(Base64.getUrlEncoder().withoutPadding().encodeToString(jti))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a long-format token", e);
        }
        return TokenFormats.INSTALLATION_PREFIX + token.appId() + "_" + jwt.serialize();
    }
}
