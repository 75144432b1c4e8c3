<span class="plugin-action" data-plugin="{{PLUGIN}}">{{BODY:none}}</span>
