import type { NextConfig } from 'next';

// The dashboard is a client of the gateway only: every call goes from the browser to the gateway's /graphql and
// /blobs, named by trusted-document hash. The Next server only serves pages.
const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  devIndicators: false,
  typedRoutes: false,
};

export default config;
