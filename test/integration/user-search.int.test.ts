import { beforeAll, describe, expect, it } from "vitest";
import { loadGrants } from "@/server/rbac/grants";
import { searchUsers } from "@/server/services/user-search";
import { addToGroup, assignRole, makeDevice, makeGroup, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();
const tag = crypto.randomUUID().slice(0, 6);
let emeaOperator: string;
let admin: string;
const people: Record<string, string> = {};

beforeAll(async () => {
  const emea = await makeGroup(database.db);
  const americas = await makeGroup(database.db);
  const add = async (key: string, name: string, email: string, group: string, phone?: string) => {
    const user = await makeUser(database.db, { name, email, phone });
    await addToGroup(database.db, user.id, group);
    people[key] = user.id;
    return user;
  };
  const jo = await add("jo", "Johanna Whitfield", `johanna.whitfield.${tag}@corp.example`, emea.id, "+44 20 7946 0811");
  await add("john", "John Whitman", `john.whitman.${tag}@corp.example`, emea.id);
  const ana = await add("ana", "Ana Whitfield", `ana.whitfield.${tag}@corp.example`, americas.id);
  await makeDevice(database.db, jo.id, { serial: `C02ZX${tag.toUpperCase()}Q`, imei: "356938035643809" });
  await makeDevice(database.db, ana.id, { serial: `C02ZY${tag.toUpperCase()}R`, imei: "356938035649999" });
  const operator = await makeUser(database.db);
  await assignRole(database.db, operator.id, "help_desk_operator", { groupIds: [emea.id] });
  emeaOperator = operator.id;
  const administrator = await makeUser(database.db);
  await assignRole(database.db, administrator.id, "administrator", { allUsers: true });
  admin = administrator.id;
});

async function search(staff: string, query: string) {
  return searchUsers(database.db, await loadGrants(database.db, staff), query);
}

describe("user search", () => {
  it("finds by exact e-mail first", async () => {
    const [first] = await search(admin, `johanna.whitfield.${tag}@corp.example`);
    expect(first).toMatchObject({ id: people.jo, matched: { field: "email" }, score: 1 });
  });

  it("finds by serial prefix and by IMEI", async () => {
    expect((await search(admin, `c02zx${tag}`))[0]).toMatchObject({ id: people.jo, matched: { field: "serial" } });
    expect((await search(admin, "3569380356438"))[0]).toMatchObject({ id: people.jo, matched: { field: "imei", value: "356938035643809" } });
  });

  it("finds by phone digits whatever the formatting", async () => {
    expect((await search(admin, "7946 0811")).map((h) => h.id)).toContain(people.jo);
  });

  it("ranks name prefixes above fuzzy matches and tolerates typos", async () => {
    const hits = await search(admin, "whitfield");
    expect(hits.slice(0, 2).map((h) => h.id).sort()).toEqual([people.jo, people.ana].sort());
    expect((await search(admin, "johana whitfeld")).map((h) => h.id)).toContain(people.jo);
  });

  it("leaves out users outside the operator's scope, in the SQL", async () => {
    const hits = await search(emeaOperator, "whitfield");
    expect(hits.map((h) => h.id)).toEqual([people.jo]);
    // Ana's serial: only in-scope users come back (Jo's similar serial may match, Ana never does).
    expect((await search(emeaOperator, `c02zy${tag}`)).map((h) => h.id)).not.toContain(people.ana);
    expect((await search(admin, `c02zy${tag}`))[0]?.id).toBe(people.ana);
  });

  it("needs two characters and returns nothing without grants", async () => {
    expect(await search(admin, "j")).toEqual([]);
    expect(await searchUsers(database.db, [], "whitfield")).toEqual([]);
  });
});
