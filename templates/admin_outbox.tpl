<h1>Outbox</h1>
<p class="admin-note">Events waiting for their consumers (webhooks, mail, plugins). Pending: {{PENDING_COUNT}} · dead: {{DEAD_COUNT}} · delivered: {{DONE_COUNT}} · not dispatched yet: {{NEW_COUNT}}</p>
<section class="card admin-section">
<h2 id="dead">Dead deliveries</h2>
{{#HAS_DEAD}}<form method="post" action="/admin/outbox/retry-dead" class="toolbar"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="primary">Retry all dead</button></form>
<div class="table-wrap">
<table class="records admin-table admin-outbox-dead">
  <thead><tr><th scope="col">Delivery</th><th scope="col">Event</th><th scope="col">Consumer</th><th scope="col">Attempts</th><th scope="col">Error</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
  <tbody>
  {{#DEAD}}<tr id="delivery-{{ID}}">
    <td data-label="Delivery">{{ID}}</td>
    <td data-label="Event">{{EVENT_ID}} <code>{{TYPE}}</code><br>{{CREATED}}</td>
    <td data-label="Consumer"><code>{{CONSUMER}}</code></td>
    <td data-label="Attempts">{{ATTEMPTS}}</td>
    <td data-label="Error">{{#HAS_ERROR}}<span class="admin-error">{{ERROR}}</span>{{/HAS_ERROR}}</td>
    <td data-label="Actions"><form method="post" action="/admin/outbox/{{ID}}/retry" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" aria-label="Retry delivery {{ID}}">Retry</button></form></td>
  </tr>
  {{/DEAD}}
  </tbody>
</table>
</div>{{/HAS_DEAD}}
{{#NO_DEAD}}<p class="empty">No dead deliveries.</p>{{/NO_DEAD}}
</section>
<section class="card admin-section">
<h2 id="pending">Pending deliveries</h2>
{{#HAS_PENDING}}<div class="table-wrap">
<table class="records admin-table admin-outbox-pending">
  <thead><tr><th scope="col">Delivery</th><th scope="col">Event</th><th scope="col">Consumer</th><th scope="col">Attempts</th><th scope="col">Next attempt</th><th scope="col">Last error</th></tr></thead>
  <tbody>
  {{#PENDING}}<tr id="delivery-{{ID}}">
    <td data-label="Delivery">{{ID}}</td>
    <td data-label="Event">{{EVENT_ID}} <code>{{TYPE}}</code><br>{{CREATED}}</td>
    <td data-label="Consumer"><code>{{CONSUMER}}</code></td>
    <td data-label="Attempts">{{ATTEMPTS}}</td>
    <td data-label="Next attempt">{{NEXT}}</td>
    <td data-label="Last error">{{#HAS_ERROR}}<span class="admin-error">{{ERROR}}</span>{{/HAS_ERROR}}</td>
  </tr>
  {{/PENDING}}
  </tbody>
</table>
</div>{{/HAS_PENDING}}
{{#NO_PENDING}}<p class="empty">Nothing is waiting.</p>{{/NO_PENDING}}
</section>
<p class="admin-note">Times are UTC. Consumers see each event at least once; a failing one is retried with growing delays and shown here as dead after its last attempt.</p>
