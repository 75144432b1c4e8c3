<h1>Welcome, {{USER}}</h1>
<ul class="tiles">
{{#ENTITY}}<li><a href="{{HREF}}">{{LABEL}}</a></li>
{{/ENTITY}}
</ul>
<div class="widgets">{{SLOT_HOME:none}}</div>
