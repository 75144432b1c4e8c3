<section class="panel" data-plugin="{{PLUGIN}}">
<h2>{{TITLE}}</h2>
{{#FAILED}}<p class="empty">This panel could not be shown; the details are in the server log.</p>{{/FAILED}}
{{BODY:none}}
</section>
