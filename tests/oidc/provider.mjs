// A real OpenID Connect provider for the test suite (oidc-provider, a certified implementation).
// Started once per test session by tests/oidc/provider.py: `node provider.mjs` with PORT set.
// Test-only pieces: open dynamic client registration (each test app registers its own redirect
// URI), a plain login form instead of a password (the tests pick an account), consent granted
// at once, and /test/clock to move this provider's clock (for an expired ID token).
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;

// The people of the organisation. `roles` shows that nothing the provider says gives a role.
const ACCOUNTS = {
  nieuw: { email: 'nieuw.gemeente@example.org', email_verified: true, name: 'Nadia Nieuw' },
  coordinator: { email: 'cor.gemeente@example.org', email_verified: true, name: 'Cor van de Gemeente' },
  onbevestigd: { email: 'onbevestigd.gemeente@example.org', email_verified: false, name: 'Otto Onbevestigd' },
  bewoner: { email: 'bewoner.gemeente@example.org', email_verified: true, name: 'Bert Bewoner', roles: ['admin', 'coordinator'] },
};

let clockOffset = 0; // seconds
const realNow = Date.now;
Date.now = () => realNow() + clockOffset * 1000;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

const provider = new Provider(issuer, {
  clients: [],
  jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
  features: {
    devInteractions: { enabled: false },
    registration: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  pkce: { required: () => true },
  // The claims in the ID token itself, as Keycloak and Entra ID send them.
  conformIdTokenClaims: false,
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'roles'] },
  cookies: { keys: ['test-only-cookie-key'] },
  async findAccount(ctx, id) {
    const account = ACCOUNTS[id];
    return account && { accountId: id, claims: async () => ({ sub: id, ...account }) };
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

const page = (uid, error = '') => `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Inloggen bij de testorganisatie</title><link rel="icon" href="data:,"></head>
<body><main><h1>Inloggen bij de testorganisatie</h1>${error ? `<p role="alert">${error}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<p><label for="account">Account</label><br><input id="account" name="account" autocomplete="username"></p>
<p><button type="submit">Inloggen</button></p></form></main></body></html>`;

async function formBody(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)(\/login)?$/);
  if (match && ctx.method === 'GET' && !match[2]) {
    const { uid } = await provider.interactionDetails(ctx.req, ctx.res);
    ctx.type = 'html';
    ctx.body = page(uid);
    return;
  }
  if (match && ctx.method === 'POST' && match[2]) {
    const { uid } = await provider.interactionDetails(ctx.req, ctx.res);
    const account = (await formBody(ctx.req)).get('account');
    if (!ACCOUNTS[account]) {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = page(uid, 'Onbekend account');
      return;
    }
    const to = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: account } });
    ctx.status = 303;
    ctx.set('Location', to);
    return;
  }
  if (ctx.path === '/test/clock' && ctx.method === 'POST') {
    clockOffset = Number((await formBody(ctx.req)).get('offset'));
    ctx.body = 'ok';
    return;
  }
  await next();
});

provider.listen(port, '127.0.0.1', () => console.log(`listening on ${issuer}`));
