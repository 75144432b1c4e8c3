<p class="leads-converted">Converted on {{CONVERTED_AT}}; this lead is read-only now.</p>
<ul class="leads-links">
  <li><a href="/r/contacts/{{CONTACT_ID}}">Contact</a></li>
  {{#HAS_COMPANY}}<li><a href="/r/companies/{{COMPANY_ID}}">Company</a></li>{{/HAS_COMPANY}}
  {{#HAS_DEAL}}<li><a href="/r/deals/{{DEAL_ID}}">Deal</a></li>{{/HAS_DEAL}}
</ul>
