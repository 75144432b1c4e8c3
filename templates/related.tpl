<div class="page-head">
  <h1>{{TITLE}}</h1>
  <div class="actions"><a class="button" href="{{RECORD_HREF}}">Back to {{RECORD_TITLE}}</a></div>
</div>
<ul class="related-all">
{{#ITEM}}<li><a href="{{HREF}}">{{TITLE}}</a></li>
{{/ITEM}}
</ul>
{{#NONE}}<p class="empty">None on this page that you may see.</p>{{/NONE}}
<nav class="pager" aria-label="Pages">{{#NEXT}}<a href="{{NEXT_HREF}}" rel="next">Next page</a>{{/NEXT}}</nav>
