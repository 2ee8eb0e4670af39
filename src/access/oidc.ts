// OpenID Connect sign-in for municipal single sign-on, with the certified
// `openid-client`: authorization code flow with PKCE, state and nonce.
// Discovery happens on first use and is cached, so an identity provider that
// is briefly down does not stop Växel from starting.
import * as oidc from "openid-client";

export interface OidcChecks {
  state: string;
  nonce: string;
  verifier: string;
}

export interface OidcClaims {
  issuer: string;
  subject: string;
  username: string;
  name: string;
  email: string | null;
}

export interface OidcLogin {
  start(redirectUri: string): Promise<{ url: string; checks: OidcChecks }>;
  finish(currentUrl: URL, checks: OidcChecks): Promise<OidcClaims>;
}

export function createOidcLogin(opts: {
  issuer: string;
  clientId: string;
  clientSecret: string;
  allowHttp: boolean;
}): OidcLogin {
  let config: Promise<oidc.Configuration> | undefined;
  const getConfig = () => {
    config ??= oidc
      .discovery(
        new URL(opts.issuer),
        opts.clientId,
        opts.clientSecret,
        undefined,
        opts.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((e: unknown) => {
        config = undefined; // retry discovery next time
        throw e;
      });
    return config;
  };
  return {
    async start(redirectUri) {
      const cfg = await getConfig();
      const verifier = oidc.randomPKCECodeVerifier();
      const checks: OidcChecks = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier };
      const url = oidc.buildAuthorizationUrl(cfg, {
        redirect_uri: redirectUri,
        scope: "openid profile email",
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state: checks.state,
        nonce: checks.nonce,
      });
      return { url: url.href, checks };
    },
    async finish(currentUrl, checks) {
      const cfg = await getConfig();
      const tokens = await oidc.authorizationCodeGrant(cfg, currentUrl, {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error("no ID token claims");
      // Providers may keep profile claims out of the ID token (OIDC Core 5.4):
      // ask the UserInfo endpoint, bound to the same subject.
      const info = await oidc.fetchUserInfo(cfg, tokens.access_token, idClaims.sub).catch(() => undefined);
      const c = { ...info, ...idClaims } as Record<string, unknown> & { iss: string; sub: string };
      const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
      return {
        issuer: c.iss,
        subject: c.sub,
        username: str(c.preferred_username) ?? str(c.email) ?? c.sub,
        name: str(c.name) ?? "",
        email: str(c.email) ?? null,
      };
    },
  };
}
