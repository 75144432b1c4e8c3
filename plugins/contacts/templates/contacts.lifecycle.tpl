<div class="page-head">
  <h1>Lifecycle of {{ENTITY_LABEL}}</h1>
  <div class="actions">
    <a class="button{{#CONTACTS}} primary{{/CONTACTS}}" href="/p/contacts/lifecycle?entity=Contact">Contacts</a>
    <a class="button{{#COMPANIES}} primary{{/COMPANIES}}" href="/p/contacts/lifecycle?entity=Company">Companies</a>
  </div>
</div>
<div class="board">
{{#COLUMN}}<section class="board-column" data-value="{{VALUE}}">
  <h2>{{LABEL}} <span class="count">{{COUNT}}</span></h2>
  <ul>
  {{#CARD}}<li class="board-card" id="card-{{ID}}">
    <a href="{{HREF}}">{{TITLE}}</a>
    <form method="post" action="{{MOVE}}" class="move">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input type="hidden" name="version" value="{{VERSION}}">
      <select name="value" class="board-target" aria-label="Move {{TITLE}} to">{{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OPTION}}</select>
      <button type="submit">Move</button>
    </form>
  </li>
  {{/CARD}}
  </ul>
  {{#MORE}}<p class="more">Showing the latest {{LIMIT}}; <a href="{{LIST_HREF}}">list them all</a>.</p>{{/MORE}}
</section>
{{/COLUMN}}
</div>
<script src="/static/board.js" defer></script>
