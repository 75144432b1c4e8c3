<h1>{{HEADING}}</h1>
<div class="flash" role="status">
  <p>The password of <strong>{{LOGIN}}</strong> — copy it now and hand it over safely, it is not shown again:</p>
  <p><code class="token admin-password">{{PASSWORD}}</code></p>
</div>
<p>{{NOTE}}</p>
<p><a href="/admin/users/{{ID}}">Back to {{LOGIN}}</a> · <a href="/admin/users">All users</a></p>
