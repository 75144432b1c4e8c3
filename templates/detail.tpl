<div class="page-head">
  <h1>{{TITLE}}</h1>
  <div class="actions">
    {{SLOT_ACTIONS:none}}
    <a class="button primary" href="{{EDIT_HREF}}">Edit</a>
    <form method="post" action="{{DELETE_HREF}}" class="inline">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button type="submit" class="danger">Delete</button>
    </form>
  </div>
</div>
<div class="detail-body">
<div class="detail-main">
{{#GROUP}}<section class="field-group">
{{#HAS_LABEL}}<h2>{{LABEL}}</h2>{{/HAS_LABEL}}
<dl class="fields">
{{#FIELD}}<div class="field"><dt>{{LABEL}}</dt><dd>{{#LINK}}<a href="{{HREF}}">{{VALUE}}</a>{{/LINK}}{{#PLAIN}}{{VALUE}}{{/PLAIN}}</dd></div>
{{/FIELD}}
</dl>
</section>
{{/GROUP}}
<details class="meta"><summary>Record information</summary>
<dl class="fields">
{{#META}}<div class="field"><dt>{{LABEL}}</dt><dd>{{#LINK}}<a href="{{HREF}}">{{VALUE}}</a>{{/LINK}}{{#PLAIN}}{{VALUE}}{{/PLAIN}}</dd></div>
{{/META}}
</dl>
</details>
{{#RELATED}}<section class="related">
<h2>{{LABEL}}</h2>
<ul>{{#ITEM}}<li><a href="{{HREF}}">{{TITLE}}</a></li>{{/ITEM}}</ul>
{{#NONE}}<p class="empty">None yet.</p>{{/NONE}}
{{#MORE}}<p><a href="{{LIST_HREF}}">All of them</a></p>{{/MORE}}
</section>
{{/RELATED}}
{{SLOT_MAIN:none}}
<section class="history">
<h2>History</h2>
{{#OPERATION}}<form method="post" action="{{UNDO}}" class="undo">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <span class="when">{{AT}}</span> <strong>{{LABEL}}</strong> by {{USER}}
  <button type="submit" class="button secondary">Undo</button>
</form>
{{/OPERATION}}<ol>
{{#HISTORY}}<li><span class="when">{{AT}}</span> <strong>{{ACTION}}</strong> by {{USER}}
  <ul>{{#CHANGE}}<li>{{FIELD}}: <del>{{OLD}}</del> → <ins>{{NEW}}</ins></li>{{/CHANGE}}</ul>
</li>
{{/HISTORY}}
</ol>
</section>
</div>
<aside class="detail-side">{{SLOT_SIDE:none}}</aside>
</div>
