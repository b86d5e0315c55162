// The demo world `npm run fake` serves (docs/testing.md describes it): the user's API tokens and OAuth
// grants, two applications and one instance, each with tokens, dated from the moment the fake starts,
// so that the audit always finds the same things in it: an expired token, tokens without expiry, broad
// scopes, a token about to expire, a pending OAuth grant and a superseded pair.

const DAY = 24 * 60 * 60 * 1000;

/** The ids of the demo world's owners. */
// Ids of their own, apart from the spec's example ids, which the README's examples create tokens under.
export const DEMO = Object.freeze({
  user: "575ed70c7ae143cd83dc4aa9",
  factory: "6a0c3f1e2b4d5a6978c1d001",
  warehouse: "6a0c3f1e2b4d5a6978c1d002",
  organization: "6a0c3f1e2b4d5a6978c1d0ff",
  instance: "6a0c3f1e2b4d5a6978c1d0aa",
});

/**
 * The demo world's data, for createFakeLosant's `initial`, with every date counted from `now`.
 * @param {Date} now
 * @returns {import("../src/fake/index.js").FakeLosantData}
 */
export function demoWorld(now) {
  const at = (days) => new Date(now.getTime() + days * DAY).toISOString();
  const token = (name, created, expires, scope, extra = {}) => ({
    name,
    creationDate: at(created),
    lastUpdated: at(created),
    ...(expires === undefined ? {} : { expirationDate: at(expires) }),
    scope,
    ...extra,
  });
  const client = (id, name, status) => ({
    client_id: `5f0c1e2d3a4b5c6d7e8f9a${id}`,
    client_name: name,
    redirect_uri: `https://${name.toLowerCase().replaceAll(" ", "-")}.example.com/callback`,
    resource: ["https://api.losant.com"],
    authorizationStatus: status,
  });
  return {
    userTokens: [
      // The older of the two "Deploy" tokens: both active, so it is superseded.
      token("Deploy", -120, 245, ["applications.get", "application.get"], {
        description: "Deploys from CI; rotated, the old one not yet retired.",
      }),
      token("Deploy", -2, 363, ["applications.get", "application.get"], { description: "Deploys from CI." }),
      token("Legacy script", -700, undefined, ["all.User.read"], {
        description: "Never expires, and reads everything.",
      }),
      token("Laptop", -400, -35, ["all.User"], { status: "inactive", description: "Retired with the old laptop." }),
    ],
    oauthTokens: [
      token("Reporting assistant", -30, 335, ["only.Organization.read"], {
        oauth: client("01", "Reporting Assistant", "authorized"),
      }),
      token("Dashboard integration", -1, 364, ["all.Application.read"], {
        oauth: client("02", "Dashboard Integration", "pending"),
      }),
    ],
    applications: [
      {
        id: DEMO.factory,
        name: "Factory",
        description: "Gateways on the factory floor.",
        creationDate: at(-900),
        lastUpdated: at(-10),
      },
      {
        id: DEMO.warehouse,
        name: "Warehouse",
        ownerType: "organization",
        ownerId: DEMO.organization,
        organizationName: "Acme",
        creationDate: at(-600),
        lastUpdated: at(-20),
      },
    ],
    applicationTokens: {
      [DEMO.factory]: [
        token("Gateway provisioning", -345, 20, ["devices.post", "device.get"], {
          description: "Registers new gateways; expires soon.",
        }),
        token("Old importer", -400, -5, ["devices.get", "dataTables.get"], {
          description: "Past its expiry, and still active.",
        }),
      ],
      [DEMO.warehouse]: [
        token("Inventory sync", -60, 305, ["all.Application"], { description: "Every right on the application." }),
      ],
    },
    instances: [
      {
        id: DEMO.instance,
        name: "Enterprise",
        creationDate: at(-1000),
        lastUpdated: at(-30),
        allowAuditLogging: true,
        mfaMode: "adminRequired",
      },
    ],
    instanceTokens: {
      [DEMO.instance]: [
        token("Usage report", -10, 80, ["instance.get", "instanceOrgs.get"], { description: "Monthly usage report." }),
        token("Admin automation", -500, undefined, ["all.Instance"], {
          description: "Every right on the instance, forever.",
        }),
      ],
    },
  };
}
