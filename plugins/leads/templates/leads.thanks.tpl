<div class="leads-public-form">
  <h1>Thank you</h1>
  <p>We received your message and will be in touch soon.</p>
</div>
