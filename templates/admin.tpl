<h1>Administration</h1>
<ul class="admin-tiles">
  <li><a href="/admin/users"><strong>Users</strong><span>Create users, set their roles and teams, reset passwords, deactivate.</span></a></li>
  <li><a href="/admin/teams"><strong>Teams</strong><span>Create teams and choose their members.</span></a></li>
  <li><a href="/admin/roles"><strong>Roles</strong><span>What each role may read, create, update, delete and export.</span></a></li>
  <li><a href="/admin/audit"><strong>Audit log</strong><span>Who changed which record, when, from what to what.</span></a></li>
  <li><a href="/admin/plugins"><strong>Plugins</strong><span>Every plugin found, its version, state and dependencies.</span></a></li>
  <li><a href="/admin/fields"><strong>Custom fields</strong><span>Add fields of your own to an entity.</span></a></li>
  <li><a href="/admin/jobs"><strong>Jobs</strong><span>Scheduled and queued work: last and next run, errors, progress; run one now.</span></a></li>
  <li><a href="/admin/outbox"><strong>Outbox</strong><span>Events waiting for delivery or given up on, with a retry button.</span></a></li>
  <li><a href="/admin/webhooks"><strong>Webhooks</strong><span>Send signed events to other systems and see each delivery.</span></a></li>
</ul>
