import rule from '../../rules/destination-rule-missing-host.js';
import { testRule } from '../helpers/test-rule.js';

const dr = (host: string) => `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: db, namespace: data}\nspec:\n  host: ${host}\n`;

testRule(rule, {
  valid: [
    { name: 'a host declared by a ServiceEntry', code: 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: db, namespace: data}\nspec: {hosts: [db.data.svc.cluster.local], ports: [{number: 5432, name: tcp, protocol: TCP}]}\n---\n' + dr('db') },
  ],
  invalid: [
    {
      name: 'suggests the Service meant',
      code: 'apiVersion: v1\nkind: Service\nmetadata: {name: postgres, namespace: data}\nspec: {ports: [{port: 5432}]}\n---\n' + dr('postgress'),
      errors: [{
        message: 'DestinationRule `db` applies to host `postgress`, but Service `postgress` does not exist in namespace `data` and no ServiceEntry declares it: Istio ignores the rule; did you mean `postgres`?',
        line: 10,
        column: 9,
        severity: 2,
      }],
    },
    {
      name: 'a warning when the run defines no Service in the namespace',
      code: dr('db.data.svc'),
      errors: [{ message: /namespace `data` defines no Service$/, line: 5, column: 9, severity: 1 }],
    },
  ],
});
