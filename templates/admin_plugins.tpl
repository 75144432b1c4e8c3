<h1>Plugins</h1>
{{#HAS_PROBLEMS}}<div class="alert" role="alert"><ul>{{#PROBLEM}}<li>{{TEXT}}</li>{{/PROBLEM}}</ul></div>{{/HAS_PROBLEMS}}
<div class="table-wrap">
<table class="records admin-table admin-plugins">
  <thead><tr><th scope="col">Id</th><th scope="col">Name</th><th scope="col">Version</th><th scope="col">State</th><th scope="col">Depends on</th><th scope="col">Error</th></tr></thead>
  <tbody>
  {{#PLUGIN}}<tr class="admin-state-{{STATE}}">
    <td data-label="Id"><code>{{ID}}</code></td>
    <td data-label="Name">{{NAME}}</td>
    <td data-label="Version">{{VERSION}}</td>
    <td data-label="State"><span class="tag">{{STATE}}</span></td>
    <td data-label="Depends on">{{DEPENDS}}</td>
    <td data-label="Error">{{#HAS_ERROR}}<span class="admin-error">{{ERROR}}</span>{{/HAS_ERROR}}</td>
  </tr>
  {{/PLUGIN}}
  </tbody>
</table>
</div>
{{#EMPTY}}<p class="empty">No plugin was found on the plugin path.</p>{{/EMPTY}}
<p class="admin-note">Plugins are chosen in the configuration (<code>plugins.enabled</code>) and take effect at the next start.</p>
