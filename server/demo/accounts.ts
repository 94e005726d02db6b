/** The demo organization's sign-in accounts, listed on the sign-in page only in demo mode. */
export const DEMO_PASSWORD = "ward-demo-2026";

export const demoAccounts = [
  { email: "admin@ward.example", name: "Avery Admin", role: "Administrator (all users)" },
  { email: "helpdesk.emea@ward.example", name: "Elena Marsh", role: "Help desk operator (EMEA)" },
  { email: "helpdesk.americas@ward.example", name: "Diego Ramos", role: "Help desk operator (Americas)" },
  { email: "readonly@ward.example", name: "Rita Olsen", role: "Read-only operator (all users)" },
  { email: "sam.taylor@ward.example", name: "Sam Taylor", role: "Employee (EMEA)" },
  { email: "maria.lopez@ward.example", name: "Maria Lopez", role: "Employee (Americas)" },
] as const;
