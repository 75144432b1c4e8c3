<h1>Your account</h1>
{{#HAS_MESSAGE}}<p class="alert" role="alert">{{MESSAGE}}</p>{{/HAS_MESSAGE}}
{{#HAS_NEW_TOKEN}}<div class="flash" role="status"><p>Your new API token — copy it now, it is not shown again:</p><p><code class="token">{{NEW_TOKEN}}</code></p></div>{{/HAS_NEW_TOKEN}}
<section class="card">
<h2>Change password</h2>
<form method="post" action="/account/password" class="stack">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="text" name="username" value="{{LOGIN}}" autocomplete="username" hidden>
  <label for="current">Current password</label>
  <input id="current" name="current" type="password" autocomplete="current-password" required>
  <label for="next">New password (at least {{MIN_LENGTH}} characters)</label>
  <input id="next" name="next" type="password" autocomplete="new-password" required>
  <button type="submit" class="primary">Change password</button>
</form>
</section>
<section class="card">
<h2>Appearance</h2>
<form method="post" action="/account/theme" class="toolbar">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="theme">Theme</label>
  <select id="theme" name="theme">{{#THEME_OPTION}}<option value="{{NAME}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/THEME_OPTION}}</select>
  <button type="submit">Use this theme</button>
</form>
</section>
<section class="card">
<h2>Second factor</h2>
{{#TOTP_OFF}}<p>Sign-ins ask only for your password.</p>
<form method="post" action="/account/totp"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">Set up an authenticator app</button></form>{{/TOTP_OFF}}
{{#TOTP_SETUP}}<p>Add this key to your authenticator app, then enter the code it shows.</p>
<p><code class="token">{{SECRET}}</code></p>
<p class="muted"><code class="token">{{URI}}</code></p>
<form method="post" action="/account/totp/verify" class="toolbar"><input type="hidden" name="csrf" value="{{CSRF}}">
  <input name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="16" aria-label="Code from the app" placeholder="123456" required>
  <button type="submit" class="primary">Turn on</button></form>{{/TOTP_SETUP}}
{{#TOTP_ON}}<p>On: sign-ins ask for a code from your authenticator app.</p>
<form method="post" action="/account/totp/off" class="toolbar"><input type="hidden" name="csrf" value="{{CSRF}}">
  <input name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="16" aria-label="Current code" placeholder="Current code" required>
  <button type="submit" class="danger">Turn off</button></form>{{/TOTP_ON}}
</section>
<section class="card">
<h2>API tokens</h2>
<table class="records">
  <thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col"></th></tr></thead>
  <tbody>
  {{#TOKEN}}<tr><td data-label="Name">{{NAME}}</td><td data-label="Created">{{CREATED}}</td><td data-label="Last used">{{USED}}</td>
    <td><form method="post" action="/account/tokens/{{ID}}/revoke" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="danger">Revoke</button></form></td></tr>
  {{/TOKEN}}
  </tbody>
</table>
<form method="post" action="/account/tokens" class="toolbar">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input name="name" maxlength="100" placeholder="What the token is for" aria-label="Token name" required>
  <button type="submit">Create token</button>
</form>
</section>
