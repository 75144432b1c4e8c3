<ul class="leads-duplicates">
{{#MATCH}}<li><a href="{{HREF}}">{{TITLE}}</a> <span class="leads-muted">{{KIND}} · {{REASON}}</span></li>{{/MATCH}}
</ul>
