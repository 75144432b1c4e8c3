<ul class="duplicates">
{{#CANDIDATE}}<li><a href="{{HREF}}">{{TITLE}}</a> <span class="badge">{{SCORE}}%</span> <span class="muted">{{REASONS}}</span></li>
{{/CANDIDATE}}
</ul>
