<h1>Search</h1>
<form method="get" action="/search" class="toolbar">
  <input type="search" name="q" value="{{Q}}" aria-label="Search text" maxlength="200">
  <button type="submit">Search</button>
</form>
{{#NO_HITS}}<p class="empty">Nothing matches “{{Q}}”.</p>{{/NO_HITS}}
<ul class="hits">
{{#HIT}}<li><a href="{{HREF}}">{{TITLE}}</a> <span class="tag">{{ENTITY}}</span><p class="snippet">{{SNIPPET}}</p></li>
{{/HIT}}
</ul>
