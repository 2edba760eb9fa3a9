import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express from 'express';

/** The definitions in the UI's dropdown, as on the live service's tier dropdown. */
export const SWAGGER_UI_DEFINITIONS = [
  { name: 'V4.Contacts', url: '/openapi.json' },
  { name: 'Mock control', url: '/__mock/openapi.json' },
] as const;

/** swagger-ui-dist's folder, found through Node's resolver so it works from source and from dist/. */
function swaggerUiDistFolder(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

const INDEX_HTML = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>Swagger UI: agentos-contacts-kit mock</title>
    <link rel="stylesheet" type="text/css" href="./swagger-ui.css" />
    <link rel="stylesheet" type="text/css" href="./index.css" />
    <link rel="icon" type="image/png" href="./favicon-32x32.png" sizes="32x32" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="./swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="./swagger-ui-standalone-preset.js" charset="UTF-8"></script>
    <script src="./swagger-initializer.js" charset="UTF-8"></script>
  </body>
</html>
`;

/*
 * Runs in the browser. The contract lists the live service first, so "Try it out" would leave the
 * machine: each same-origin definition is rewritten on load to list this mock's origin first.
 * validatorUrl null keeps the UI from sending the document to swagger.io's validator.
 */
const INITIALIZER_JS = `window.onload = function () {
  var origin = window.location.origin;
  function thisMockFirst(response) {
    var path = String(response.url || '').split('?')[0];
    if (path.indexOf(origin + '/') !== 0 || !/openapi\\.json$/.test(path)) return response;
    try {
      var definition = JSON.parse(response.text);
      var others = (definition.servers || []).filter(function (server) {
        return String(server.url).replace(/\\/$/, '') !== origin;
      });
      definition.servers = [{ url: origin, description: 'this mock' }].concat(others);
      response.text = JSON.stringify(definition);
      response.body = definition;
    } catch (error) {
      console.warn('could not point the definition at this mock', error);
    }
    return response;
  }
  window.ui = SwaggerUIBundle({
    urls: ${JSON.stringify(SWAGGER_UI_DEFINITIONS)},
    'urls.primaryName': 'V4.Contacts',
    dom_id: '#swagger-ui',
    deepLinking: true,
    displayRequestDuration: true,
    validatorUrl: null,
    responseInterceptor: thisMockFirst,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout'
  });
};
`;

/** Swagger UI at `/swagger/`, from the swagger-ui-dist package (no CDN), with this mock's definitions. */
export function swaggerUi() {
  const router = express.Router();
  router.get(['/swagger', '/swagger/', '/swagger/index.html'], (request, response) => {
    // The page loads its assets relatively, so it must be served from the folder URL.
    if (request.path === '/swagger') {
      response.redirect(301, '/swagger/');
      return;
    }
    response.type('html').send(INDEX_HTML);
  });
  router.get('/swagger/swagger-initializer.js', (_request, response) => {
    response.type('application/javascript').send(INITIALIZER_JS);
  });
  router.use('/swagger', express.static(swaggerUiDistFolder(), { index: false, redirect: false, maxAge: '1h' }));
  return router;
}
