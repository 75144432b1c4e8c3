<section class="error-page">
<h1>{{HEADING}}</h1>
<p class="status">Error {{STATUS}}</p>
<p>{{MESSAGE}}</p>
<p><a href="/">Back to the start page</a></p>
</section>
