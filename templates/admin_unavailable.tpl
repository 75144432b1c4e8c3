<h1>{{SECTION}}</h1>
<section class="card">
<p>This section needs the running server: it shows and changes what <code>tessera serve</code> loaded (plugins, the schema), and this application was built without it.</p>
<p>Start Tessera with <code>tessera serve</code> and open this page there.</p>
</section>
