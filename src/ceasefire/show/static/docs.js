// The interactive API reference (Swagger UI, vendored) over this server's OpenAPI spec. A file
// of its own, not an inline script, so the page keeps the same Content-Security-Policy as the
// dashboard; no validator badge, which Swagger UI would fetch from another site.
SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
