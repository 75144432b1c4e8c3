<h1>Jobs</h1>
<div class="table-wrap">
<table class="records admin-table admin-jobs">
  <thead><tr><th scope="col">Job</th><th scope="col">Schedule (UTC)</th><th scope="col">Last run</th><th scope="col">Next run</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
  <tbody>
  {{#JOB}}<tr>
    <td data-label="Job"><strong>{{LABEL}}</strong><br><code>{{ID}}</code> <span class="tag">{{PLUGIN}}</span></td>
    <td data-label="Schedule (UTC)"><code>{{CRON}}</code></td>
    <td data-label="Last run">{{#HAS_LAST}}<span class="tag admin-state-{{LAST_STATE}}">{{LAST_STATE}}</span> {{LAST_TIME}}{{#HAS_LAST_ERROR}}<br><span class="admin-error">{{LAST_ERROR}}</span>{{/HAS_LAST_ERROR}}{{/HAS_LAST}}{{#NEVER_RAN}}never{{/NEVER_RAN}}</td>
    <td data-label="Next run">{{NEXT}}</td>
    <td data-label="Actions"><form method="post" action="/admin/jobs/run" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="job" value="{{ID}}"><button type="submit" aria-label="Run {{LABEL}} now">Run now</button></form></td>
  </tr>
  {{/JOB}}
  </tbody>
</table>
</div>
{{#NO_JOBS}}<p class="empty">No job is registered.</p>{{/NO_JOBS}}
<h2>Recent runs</h2>
<div class="table-wrap">
<table class="records admin-table admin-runs">
  <thead><tr><th scope="col">Run</th><th scope="col">Job</th><th scope="col">State</th><th scope="col">Progress</th><th scope="col">Started</th><th scope="col">Finished</th><th scope="col">Error</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
  <tbody>
  {{#RUN}}<tr id="run-{{RUN_ID}}" data-run="{{RUN_ID}}" data-status="/api/v1/jobs/runs/{{RUN_ID}}">
    <td data-label="Run">{{RUN_ID}}</td>
    <td data-label="Job"><code>{{JOB}}</code></td>
    <td data-label="State"><span class="tag admin-state-{{STATE}}">{{STATE}}</span></td>
    <td data-label="Progress">{{#HAS_PROGRESS}}<progress value="{{DONE}}" max="{{TOTAL}}">{{DONE}} of {{TOTAL}}</progress> {{DONE}} of {{TOTAL}}{{/HAS_PROGRESS}}</td>
    <td data-label="Started">{{STARTED}}</td>
    <td data-label="Finished">{{FINISHED}}</td>
    <td data-label="Error">{{#HAS_ERROR}}<span class="admin-error">{{ERROR}}</span>{{/HAS_ERROR}}</td>
    <td data-label="Actions">{{#CAN_STOP}}<form method="post" action="/admin/jobs/runs/{{RUN_ID}}/stop" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="danger" aria-label="Stop run {{RUN_ID}}">Stop</button></form>{{/CAN_STOP}}</td>
  </tr>
  {{/RUN}}
  </tbody>
</table>
</div>
{{#NO_RUNS}}<p class="empty">No job has run yet.</p>{{/NO_RUNS}}
<p class="admin-note">Times are UTC. A run's status is also at <code>/api/v1/jobs/runs/&lt;id&gt;</code> (JSON), for pages that follow its progress.</p>
