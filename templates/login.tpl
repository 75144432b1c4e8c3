<section class="card narrow">
<h1>Sign in</h1>
{{#HAS_ERROR}}<p class="alert" role="alert">{{ERROR}}</p>{{/HAS_ERROR}}
<form method="post" action="/login" class="stack">
  <input type="hidden" name="next" value="{{NEXT}}">
  <label for="login">Login</label>
  <input id="login" name="login" value="{{LOGIN}}" autocomplete="username" required autofocus>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  {{#TOTP}}
  <label for="totp">One-time code</label>
  <input id="totp" name="totp" inputmode="numeric" autocomplete="one-time-code" maxlength="16">
  {{/TOTP}}
  <label class="check"><input type="checkbox" name="remember" value="1"{{#REMEMBER}} checked{{/REMEMBER}}> Keep me signed in</label>
  <button type="submit" class="primary">Sign in</button>
</form>
</section>
