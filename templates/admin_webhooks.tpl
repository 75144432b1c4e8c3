<h1>Webhooks</h1>
{{#CREATED}}<div class="alert admin-secret" role="status">
<p>Webhook {{ID}} posts to <code>{{URL}}</code>. Its signing secret is shown <strong>only now</strong>: copy it to the receiver.</p>
<p><code class="secret" id="webhook-secret">{{SECRET}}</code></p>
</div>{{/CREATED}}
{{#HAS_MESSAGE}}<div class="alert" role="alert">{{MESSAGE}}</div>{{/HAS_MESSAGE}}
<div class="table-wrap">
<table class="records admin-table admin-webhooks">
  <thead><tr><th scope="col">URL</th><th scope="col">Events</th><th scope="col">State</th><th scope="col">Created</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
  <tbody>
  {{#HOOK}}<tr id="webhook-{{ID}}">
    <td data-label="URL"><a href="/admin/webhooks/{{ID}}"><code>{{URL}}</code></a></td>
    <td data-label="Events"><code>{{EVENTS}}</code></td>
    <td data-label="State"><span class="tag">{{STATE}}</span></td>
    <td data-label="Created">{{CREATED}}</td>
    <td data-label="Actions">
      <a href="/admin/webhooks/{{ID}}">Delivery log</a>
      {{#ACTIVE}}<form method="post" action="/admin/webhooks/{{ID}}/disable" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">Disable</button></form>{{/ACTIVE}}
      {{#DISABLED}}<form method="post" action="/admin/webhooks/{{ID}}/enable" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">Enable</button></form>{{/DISABLED}}
      <form method="post" action="/admin/webhooks/{{ID}}/delete" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="danger" aria-label="Delete webhook {{ID}}">Delete</button></form>
    </td>
  </tr>
  {{/HOOK}}
  </tbody>
</table>
</div>
{{#NO_HOOKS}}<p class="empty">No webhooks yet.</p>{{/NO_HOOKS}}
<section class="card admin-section">
<h2 id="new-webhook">New webhook</h2>
<form method="post" action="/admin/webhooks" class="form" aria-labelledby="new-webhook">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label>URL <input name="url" type="url" maxlength="2000" value="{{URL_VALUE}}" placeholder="https://example.com/hooks/tessera" required></label>
  {{#HAS_URL_ERROR}}<p class="field-error">url: {{URL_ERROR}}</p>{{/HAS_URL_ERROR}}
  <label>Event types <input name="events" maxlength="2000" value="{{EVENTS_VALUE}}" required></label>
  {{#HAS_EVENTS_ERROR}}<p class="field-error">events: {{EVENTS_ERROR}}</p>{{/HAS_EVENTS_ERROR}}
  <p class="admin-note">Separate types with commas: <code>record.*</code> for every record change, <code>record.created</code>, a plugin's own such as <code>deals.won</code>, or <code>*</code> for all.</p>
  {{#HTTP_ONLY}}<p class="admin-note">This build has no TLS support (Poco NetSSL): only http:// URLs can be used.</p>{{/HTTP_ONLY}}
  <button type="submit" class="primary">Add webhook</button>
</form>
</section>
<p class="admin-note">Each request is signed: see docs/webhooks.md for checking <code>X-Tessera-Signature</code>.</p>
