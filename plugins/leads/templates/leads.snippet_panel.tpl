{{#CLOSED}}<p class="leads-muted">The form is closed: entries are refused until "Public form accepts entries" is ticked again.</p>{{/CLOSED}}
<p>Hosted form: <a href="{{FORM_URL}}">{{FORM_URL}}</a>. To put the form on your own site, paste this HTML; add the UTM values your links carry.</p>
<pre class="leads-snippet"><code>{{SNIPPET:pre_escape}}</code></pre>
