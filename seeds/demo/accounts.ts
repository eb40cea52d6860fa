// Demo accounts, one per role (and the three approvers of DOMAIN.md's approval rights). The passwords are
// for the demo only and are written in the README; never use these accounts on real data.
export interface DemoAccount {
  email: string
  name: string
  role: 'finance' | 'approver' | 'panel' | 'admin'
  password: string
  /** Whole pounds; null means no limit (approvers only). */
  approvalLimit: string | null
  owners: string[]
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'finance@demo.example.org',
    name: 'Finance officer (demo)',
    role: 'finance',
    password: 'demo-finance-only',
    approvalLimit: null,
    owners: [],
  },
  {
    email: 'cfo@demo.example.org',
    name: 'PCC Chief Finance Officer (demo)',
    role: 'approver',
    password: 'demo-cfo-approver',
    approvalLimit: '100000',
    owners: ['opcc_office', 'commissioning'],
  },
  {
    email: 'force-fd@demo.example.org',
    name: 'Force Director of Finance (demo)',
    role: 'approver',
    password: 'demo-force-approver',
    approvalLimit: '500000',
    owners: ['force'],
  },
  {
    email: 'commissioner@demo.example.org',
    name: 'Police and Crime Commissioner (demo)',
    role: 'approver',
    password: 'demo-commissioner',
    approvalLimit: null,
    owners: ['opcc_office', 'commissioning', 'force', 'capital_programme'],
  },
  {
    email: 'panel@demo.example.org',
    name: 'Panel member (demo)',
    role: 'panel',
    password: 'demo-panel-member',
    approvalLimit: null,
    owners: [],
  },
  {
    email: 'admin@demo.example.org',
    name: 'Administrator (demo)',
    role: 'admin',
    password: 'demo-administrator',
    approvalLimit: null,
    owners: [],
  },
]
