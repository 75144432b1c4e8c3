<ul class="duplicates">
{{#CANDIDATE}}<li><a href="{{HREF}}">{{TITLE}}</a> <span class="badge">{{SCORE}}%</span> <span class="muted">{{REASONS}}</span> <a class="button secondary small" href="{{MERGE}}">Merge into this one</a></li>
{{/CANDIDATE}}
</ul>
