<div class="page-head">
  <h1>{{HEADING}}</h1>
  <div class="actions"><a class="button" href="/p/activities/calendar">Calendar</a></div>
</div>
<nav class="timeline-filter" aria-label="Task lists">
  {{#TAB}}<a href="{{HREF}}"{{#CURRENT}} class="current" aria-current="page"{{/CURRENT}}>{{LABEL}}{{#HAS_COUNT}} ({{COUNT}}){{/HAS_COUNT}}</a>{{/TAB}}
</nav>
<details class="log-activity"><summary class="button">New task</summary>
  <form method="post" action="/p/activities/tasks" class="log-form">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="back" value="{{SELF}}">
    <label>Title<input name="title" maxlength="200" required></label>
    <div class="log-row">
      <label>Due<input type="datetime-local" name="due_at"></label>
      <label>Priority<select name="priority"><option value="normal">Normal</option><option value="low">Low</option><option value="high">High</option><option value="urgent">Urgent</option></select></label>
      <label>Assignee<select name="owner_id">{{#USER}}<option value="{{ID}}"{{#ME}} selected{{/ME}}>{{NAME}}</option>{{/USER}}</select></label>
      <label>Remind<select name="reminder"><option value="">No reminder</option><option value="0">At the due time</option><option value="15" selected>15 minutes before</option><option value="60">1 hour before</option><option value="1440">1 day before</option></select></label>
      <label>Repeats<select name="rrule"><option value="">Does not repeat</option><option value="FREQ=DAILY">Daily</option><option value="FREQ=WEEKLY">Weekly</option><option value="FREQ=MONTHLY">Monthly</option><option value="FREQ=YEARLY">Yearly</option></select></label>
    </div>
    <div class="form-actions"><button type="submit" class="primary">Add task</button></div>
  </form>
</details>
{{#EMPTY}}<p class="empty">{{EMPTY_TEXT}}</p>{{/EMPTY}}
{{#HAS_ROWS}}<div class="table-wrap">
<table class="records tasks">
<thead><tr>{{#BULK}}<th class="select"><span class="visually-hidden">Select</span></th>{{/BULK}}<th>Task</th><th>Due</th><th>Priority</th><th>Status</th><th>Assignee</th><th>Linked to</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>
{{#ROW}}<tr{{#OVERDUE}} class="overdue"{{/OVERDUE}}>
  {{#BULK}}<td class="select"><input type="checkbox" name="ids" value="{{ID}}" form="reassign" aria-label="Select {{TITLE}}"></td>{{/BULK}}
  <td><a href="{{HREF}}">{{TITLE}}</a>{{#REPEATS}} <span class="tag" title="{{RRULE}}">repeats</span>{{/REPEATS}}</td>
  <td class="due">{{DUE}}</td>
  <td class="priority-{{PRIORITY}}">{{PRIORITY_LABEL}}</td>
  <td>{{STATUS}}</td>
  <td>{{ASSIGNEE}}</td>
  <td>{{#LINKED}}<a href="{{LINK}}">{{LINK_TITLE}}</a>{{/LINKED}}</td>
  <td>{{#OPEN}}<form method="post" action="/p/activities/tasks/{{ID}}/complete"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="version" value="{{VERSION}}"><input type="hidden" name="back" value="{{SELF}}"><button type="submit">Done</button></form>{{/OPEN}}</td>
</tr>
{{/ROW}}
</tbody>
</table>
</div>{{/HAS_ROWS}}
{{#BULK_FORM}}<form id="reassign" method="post" action="/p/activities/tasks/reassign" class="bulk">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="back" value="{{SELF}}">
  <label>Reassign the selected tasks to<select name="owner_id">{{#USER}}<option value="{{ID}}">{{NAME}}</option>{{/USER}}</select></label>
  <button type="submit">Reassign</button>
</form>{{/BULK_FORM}}
{{#MORE}}<p class="pager"><a href="{{HREF}}">Next page</a></p>{{/MORE}}
