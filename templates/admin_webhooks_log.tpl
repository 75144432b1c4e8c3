<h1>Webhook {{ID}}</h1>
<p><code>{{URL}}</code> · events <code>{{EVENTS}}</code> · <span class="tag">{{STATE}}</span></p>
<h2>Delivery log</h2>
<div class="table-wrap">
<table class="records admin-table admin-webhook-log">
  <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">Attempt</th><th scope="col">Status</th><th scope="col">Duration</th><th scope="col">Result</th><th scope="col">Error</th></tr></thead>
  <tbody>
  {{#ATTEMPT}}<tr class="admin-state-{{RESULT}}">
    <td data-label="When">{{AT}}</td>
    <td data-label="Event">{{EVENT_ID}} <code>{{TYPE}}</code></td>
    <td data-label="Attempt">{{ATTEMPT_NO}}</td>
    <td data-label="Status">{{STATUS}}</td>
    <td data-label="Duration">{{DURATION}}</td>
    <td data-label="Result"><span class="tag">{{RESULT}}</span></td>
    <td data-label="Error">{{#HAS_ERROR}}<span class="admin-error">{{ERROR}}</span>{{/HAS_ERROR}}</td>
  </tr>
  {{/ATTEMPT}}
  </tbody>
</table>
</div>
{{#NO_ATTEMPTS}}<p class="empty">No event was posted to this webhook yet.</p>{{/NO_ATTEMPTS}}
<p><a href="/admin/webhooks">All webhooks</a></p>
