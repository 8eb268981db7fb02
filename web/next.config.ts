import type { NextConfig } from 'next';

// The dashboard is a client of the gateway only: every call goes from the browser to the gateway's /graphql and
// /blobs, named by trusted-document hash. The Next server only serves pages.
const config: NextConfig = {
  // The build's folder: `npm test` builds and serves its own (.next-test, scripts/test.ts), so a test run in the same
  // checkout never rebuilds the pages a running `npm start` is serving from under it.
  distDir: process.env.YIZHAN_WEB_BUILD_DIR || '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  devIndicators: false,
  typedRoutes: false,
  // Every page: never framed (clickjacking), content types as sent, no referrer to other sites, no plugins, forms and
  // <base> only to this origin. Scripts stay Next's own; the browser's calls go to the gateway (its own origin).
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'Content-Security-Policy', value: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'" },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default config;
