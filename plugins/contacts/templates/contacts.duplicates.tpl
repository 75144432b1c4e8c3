<div class="page-head">
  <h1>Possible duplicate {{ENTITY_LABEL}}</h1>
  <div class="actions">
    <a class="button{{#CONTACTS}} primary{{/CONTACTS}}" href="/p/contacts/duplicates?entity=Contact">Contacts</a>
    <a class="button{{#COMPANIES}} primary{{/COMPANIES}}" href="/p/contacts/duplicates?entity=Company">Companies</a>
  </div>
</div>
{{#NONE}}<p class="empty">No two {{ENTITY_LABEL}} share an e-mail address, a phone number or a domain, and none have similar names.</p>{{/NONE}}
{{#GROUP}}<section class="card">
<h2>{{REASON}}: {{KEY}} <span class="badge">{{COUNT}}</span></h2>
<ul>{{#MEMBER}}<li><a href="{{HREF}}">{{TITLE}}</a>{{#MERGE}} <a class="button secondary small" href="{{MERGE}}">Merge into the first</a>{{/MERGE}}</li>{{/MEMBER}}</ul>
</section>
{{/GROUP}}
{{#HAS_SIMILAR}}<section class="card similar-names">
<h2>Similar names</h2>
<p class="muted">Names that read alike once case, accents, punctuation and word order are set aside, or that differ by a typo. Less certain than a shared e-mail address: check before merging.</p>
<ul>{{#SIMILAR}}<li><a href="{{FIRST_HREF}}">{{FIRST}}</a> and <a href="{{SECOND_HREF}}">{{SECOND}}</a> <span class="badge">{{SCORE}}%</span> <a class="button secondary small" href="{{MERGE}}">Merge into the first</a></li>
{{/SIMILAR}}</ul>
</section>
{{/HAS_SIMILAR}}