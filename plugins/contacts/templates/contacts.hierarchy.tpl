<ul class="tree">
{{#NODE}}<li class="tree-node depth-{{DEPTH}}{{#CURRENT}} current{{/CURRENT}}"><a href="{{HREF}}">{{NAME}}</a>
  <span class="muted">{{PEOPLE}} people · revenue {{REVENUE}}{{#ROLLUP}} · <span class="rollup">{{LABEL}} {{VALUE}}</span>{{/ROLLUP}}</span></li>
{{/NODE}}
</ul>
{{#TRUNCATED}}<p class="muted">Only the first companies of a very large tree are shown.</p>{{/TRUNCATED}}
