<div class="timeline-panel">
{{#HEADING}}<h1>Timeline of {{TITLE}}</h1>{{/HEADING}}
<div class="timeline-tools">
  <nav class="timeline-filter" aria-label="Show only">
    {{#FILTER}}<a href="{{HREF}}"{{#CURRENT}} class="current" aria-current="true"{{/CURRENT}}>{{LABEL}}</a>{{/FILTER}}
  </nav>
  {{#CAN_LOG}}<details class="log-activity"{{#OPEN_LOG}} open{{/OPEN_LOG}}>
    <summary class="button">Log a call or note</summary>
    <form method="post" action="/p/activities/log" class="log-form">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input type="hidden" name="entity" value="{{ENTITY}}">
      <input type="hidden" name="id" value="{{RECORD_ID}}">
      <div class="log-row">
        <label>Type<select name="kind">{{#KIND_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/KIND_OPTION}}</select></label>
        <label>Direction<select name="direction"><option value=""></option><option value="outbound">Outbound</option><option value="inbound">Inbound</option><option value="internal">Internal</option></select></label>
        <label>When<input type="datetime-local" name="occurred_at" value="{{NOW}}"></label>
        <label>Minutes<input type="number" name="duration_minutes" min="0" max="1440" step="1" class="short"></label>
        <label>Outcome<select name="outcome"><option value=""></option>{{#OUTCOME_OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/OUTCOME_OPTION}}</select></label>
      </div>
      <label>Subject<input name="subject" maxlength="200" required></label>
      <label>Notes<textarea name="body" rows="3" placeholder="Type @login to notify a colleague"></textarea></label>
      <div class="form-actions"><button type="submit" class="primary">Log it</button></div>
    </form>
  </details>{{/CAN_LOG}}
  {{#PLAN}}<a class="button" href="{{HREF}}">Plan a meeting</a>{{/PLAN}}
</div>
{{#EMPTY}}<p class="empty">Nothing has happened here yet.</p>{{/EMPTY}}
<ol class="timeline">
{{#ENTRY}}<li class="timeline-entry kind-{{KIND}}">
  <span class="timeline-kind">{{KIND_LABEL}}</span>
  <div class="timeline-body">
    <div class="timeline-head">{{#HAS_LINK}}<a href="{{LINK}}">{{TITLE}}</a>{{/HAS_LINK}}{{#NO_LINK}}<strong>{{TITLE}}</strong>{{/NO_LINK}}
      {{#STATUS}}<span class="tag">{{STATUS}}</span>{{/STATUS}}</div>
    <div class="timeline-meta"><time datetime="{{AT}}">{{WHEN}}</time>{{#ACTOR}} · {{ACTOR}}{{/ACTOR}}</div>
    {{#HAS_SUMMARY}}<p class="timeline-summary">{{SUMMARY}}</p>{{/HAS_SUMMARY}}
    {{#HAS_CHANGES}}<ul class="timeline-changes">{{#CHANGE}}<li>{{FIELD}}: <del>{{OLD}}</del> → <ins>{{NEW}}</ins></li>{{/CHANGE}}</ul>{{/HAS_CHANGES}}
    {{#FOLLOW_UP}}<details class="follow-up"><summary>Set a follow-up</summary>
      <form method="post" action="/p/activities/interactions/{{INTERACTION_ID}}/follow-up" class="inline-form">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <input type="hidden" name="back" value="{{BACK}}">
        <label>Task<input name="title" value="{{DEFAULT_TITLE}}" maxlength="200" required></label>
        <label>Due<input type="datetime-local" name="due_at" value="{{DEFAULT_DUE}}" required></label>
        <button type="submit">Add follow-up</button>
      </form></details>{{/FOLLOW_UP}}
    {{#COMPLETE}}<form method="post" action="/p/activities/tasks/{{TASK_ID}}/complete" class="inline-form">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <input type="hidden" name="version" value="{{VERSION}}">
        <input type="hidden" name="back" value="{{BACK}}">
        <button type="submit">Mark done</button></form>{{/COMPLETE}}
  </div>
</li>
{{/ENTRY}}
</ol>
{{#MORE}}<p class="pager"><a href="{{HREF}}">Older entries</a></p>{{/MORE}}
{{#FULL_LINK}}<p class="timeline-all"><a href="{{HREF}}">Open the whole timeline</a></p>{{/FULL_LINK}}
</div>
