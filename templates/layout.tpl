{{%AUTOESCAPE context="HTML"}}
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · Tessera</title>
<link rel="stylesheet" href="/themes/{{THEME}}/style.css">
<link rel="stylesheet" href="/themes/{{THEME}}/theme.css">
{{#PLUGIN_STYLE}}<link rel="stylesheet" href="{{HREF}}">
{{/PLUGIN_STYLE}}
</head>
<body class="theme-{{THEME}}">
<header class="topbar">
  <a class="brand" href="/">Tessera</a>
  {{#SIGNED_IN}}
  <form class="global-search" method="get" action="/search" role="search">
    <input type="search" name="q" value="{{Q}}" placeholder="Search everything" aria-label="Search everything" maxlength="200">
  </form>
  <div class="user">
    <a class="user-name" href="/account">{{USER}}</a>
    <a class="notifications{{#HAS_UNREAD}} unread{{/HAS_UNREAD}}" href="/notifications" aria-label="Notifications: {{UNREAD}} unread">Notifications{{#HAS_UNREAD}} <span class="tag badge">{{UNREAD}}</span>{{/HAS_UNREAD}}</a>
    <form method="post" action="/logout" class="inline">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button type="submit" class="link-button">Sign out</button>
    </form>
  </div>
  {{/SIGNED_IN}}
</header>
<div class="frame">
{{#SIGNED_IN}}
<nav class="sidebar" aria-label="Main">
  {{#NAV_GROUP}}{{#HAS_HEADING}}<h2 class="nav-group">{{HEADING}}</h2>{{/HAS_HEADING}}
  <ul>
  {{#NAV}}<li><a href="{{HREF}}"{{#CURRENT}} class="current" aria-current="page"{{/CURRENT}}>{{LABEL}}</a></li>
  {{/NAV}}
  </ul>
  {{/NAV_GROUP}}
</nav>
{{/SIGNED_IN}}
<main class="content">
{{#BREADCRUMB}}
<nav class="breadcrumb" aria-label="Breadcrumb"><ol>
{{#CRUMB}}<li>{{#LINK}}<a href="{{HREF}}">{{LABEL}}</a>{{/LINK}}{{#HERE}}<span aria-current="page">{{LABEL}}</span>{{/HERE}}</li>{{/CRUMB}}
</ol></nav>
{{/BREADCRUMB}}
{{#HAS_FLASH}}<p class="flash" role="status">{{FLASH}}</p>{{/HAS_FLASH}}
{{BODY:none}}
</main>
</div>
</body>
</html>
