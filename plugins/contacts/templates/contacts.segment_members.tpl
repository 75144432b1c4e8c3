<p class="segment-count"><strong>{{TOTAL}}</strong> members now{{#MORE}}; the first {{SHOWN}} are shown{{/MORE}}.</p>
<ul>{{#MEMBER}}<li><a href="{{HREF}}">{{TITLE}}</a></li>{{/MEMBER}}</ul>
{{#NONE}}<p class="empty">Nobody matches this segment.</p>{{/NONE}}
