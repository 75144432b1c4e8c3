<h1 class="dark-home">Good evening, {{USER}}</h1>
<p class="theme-note">The dark theme's own start page.</p>
<ul class="tiles">
{{#ENTITY}}<li><a href="{{HREF}}">{{LABEL}}</a></li>
{{/ENTITY}}
</ul>
<div class="widgets">{{SLOT_HOME:none}}</div>
