// Ceiling 2: a bare Express 5 app answering the mock's own bytes, precomputed: Express's routing cost
// and nothing else. By default it writes the body the way the mock does (setHeader + end), not with
// res.send, which would add work the mock does not do; with --defaults (the peers bench) it is
// Express as most people run it: res.send, ETag on.
import process from 'node:process';
import express from 'express';
import { announce, loadRoutes } from './ceiling-routes.mjs';

const defaults = process.argv.includes('--defaults');
const app = express();
if (!defaults) {
  app.disable('x-powered-by');
  app.set('etag', false);
}
for (const route of loadRoutes()) {
  app.get(route.path, (_request, response) => {
    if (defaults) {
      response.type(route.contentType).send(route.body);
      return;
    }
    response.statusCode = 200;
    response.setHeader('Content-Type', route.contentType);
    response.setHeader('Content-Length', route.body.length);
    response.end(route.body);
  });
}
const server = app.listen(0, '127.0.0.1', () => announce('ceiling-express', server));
