// Ceiling 1: plain node:http answering the mock's own bytes, precomputed. Nothing can be cheaper in node.
import http from 'node:http';
import { announce, loadRoutes } from './ceiling-routes.mjs';

const routes = new Map(loadRoutes().map((route) => [route.path, route]));

const server = http.createServer((request, response) => {
  const route = routes.get(request.url);
  if (!route) {
    response.statusCode = 404;
    response.end();
    return;
  }
  response.statusCode = 200;
  response.setHeader('Content-Type', route.contentType);
  response.setHeader('Content-Length', route.body.length);
  response.end(route.body);
});
server.listen(0, '127.0.0.1', () => announce('ceiling-http', server));
