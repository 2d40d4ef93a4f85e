/**
 * The dashboard's sign-in page: a form that signs in through the platform's login routes (and
 * their MFA step), then hands the access token to the dashboard's cookie. The script is served
 * as a file of its own, as the Content-Security-Policy allows no inline script.
 */
export const SIGN_IN_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Stratum queues: sign in</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 22rem; margin: 4rem auto; padding: 0 1rem; color: #1d2430; }
label { display: block; margin: .8rem 0 .2rem; }
input { width: 100%; padding: .45rem; box-sizing: border-box; }
button { margin-top: 1rem; padding: .5rem 1.2rem; }
#error { color: #a40e26; min-height: 1.2rem; }
[hidden] { display: none; }
</style>
</head>
<body>
<h1>Stratum queues</h1>
<p>Platform staff sign-in.</p>
<form id="sign-in">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="username" required>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <div id="mfa" hidden>
    <label for="code">Authenticator code (or a recovery code)</label>
    <input id="code" name="code" autocomplete="one-time-code">
  </div>
  <button type="submit">Sign in</button>
  <p id="error" role="alert"></p>
</form>
<script src="sign-in.js"></script>
</body>
</html>
`;

export const SIGN_IN_SCRIPT = `(() => {
  const form = document.getElementById('sign-in');
  const error = document.getElementById('error');
  let mfaToken = null;
  const post = (url, body) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      const res = mfaToken
        ? await post('/api/v1/platform/auth/mfa/verify', { mfaToken, code: form.code.value })
        : await post('/api/v1/platform/auth/login', { email: form.email.value, password: form.password.value });
      const body = await res.json();
      if (!res.ok) throw new Error(body.detail || body.title || 'Sign-in failed');
      if (body.mfaRequired) {
        mfaToken = body.mfaToken;
        document.getElementById('mfa').hidden = false;
        form.code.required = true;
        form.code.focus();
        return;
      }
      const session = await post('session', { accessToken: body.accessToken });
      if (!session.ok) throw new Error('This account may not see the queues');
      location.href = './';
    } catch (err) {
      error.textContent = err.message;
    }
  });
})();
`;
