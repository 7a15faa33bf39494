import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { readDbtManifest } from '../../lib/import/dbt-manifest';
import { readGlueTables } from '../../lib/import/glue-tables';
import { readOdcsContract } from '../../lib/import/odcs-contract';

const fixture = (...p: string[]) => readFileSync(join(__dirname, '..', '..', ...p), 'utf8');

describe('reading upstream catalogs', () => {
  it('reads a dbt v12 manifest: models of each schema, documented columns with data_type, tags from column tags and meta', () => {
    const read = readDbtManifest(JSON.parse(fixture('examples', 'brownfield', 'upstream', 'manifest.json')));
    expect(read.tables.map((t) => `${t.database}.${t.name} ${t.columns.length}`)).toEqual([
      'sales_mart.customers 4',
      'sales_mart.orders 7',
      'sales_staging.stg_orders 0',
    ]);
    expect(read.tables[1].columns[1]).toEqual({
      name: 'customer_email',
      type: 'string',
      description: 'Email address the order confirmation went to.',
      tags: ['email', 'pii'],
    });
  });

  it('reads `aws glue get-tables` output: columns, partition keys, tags from the meshgrant:tags parameter', () => {
    const [invoices] = readGlueTables(JSON.parse(fixture('examples', 'brownfield', 'upstream', 'glue-tables.json'))).tables;
    expect(invoices.partitionKeys).toEqual([{ name: 'invoice_month', type: 'string', description: 'yyyy-mm', tags: [] }]);
    expect(invoices.columns.filter((c) => c.tags.length > 0).map((c) => `${c.name}=${c.tags}`)).toEqual([
      'billing_email=email',
      'iban=bank_account',
    ]);
  });

  it('reads an ODCS v3 contract: the glue server database, physical or logical types, classification as a tag candidate', () => {
    const read = readOdcsContract(parse(fixture('test', 'fixtures', 'import', 'contract.odcs.yaml')));
    const [shipments] = read.tables;
    expect(shipments.database).toBe('logistics_curated');
    expect(shipments.columns.map((c) => `${c.name} ${c.type} ${c.tags.join(',')}`)).toEqual([
      'shipment_id string ',
      'recipient_name string person_name,restricted',
      'weight_kg double ',
    ]);
    expect(shipments.partitionKeys.map((c) => c.name)).toEqual(['shipped_on']);
    expect(read.skipped).toEqual(['table shipments: column "Bad Column" skipped: not a Glue column name']);
  });

  it('keeps hostile text out: invisible characters, odd names and types are reported, template text stays text', () => {
    const read = readGlueTables({
      TableList: [
        {
          Name: 'T1',
          DatabaseName: 'db',
          Description: 'Sales ${file("/etc/passwd")}',
          StorageDescriptor: {
            Columns: [
              { Name: 'ok', Type: 'string', Comment: 'red \u001b[31m alert' },
              { Name: 'x; DROP TABLE y', Type: 'string' },
              { Name: 'amount', Type: 'string) ; drop' },
              { Name: 'email', Type: 'STRING', Parameters: { 'meshgrant:tags': 'email, ${x}' } },
            ],
          },
        },
        { Name: '../etc', DatabaseName: 'db' },
      ],
    });
    expect(read.tables).toEqual([
      {
        database: 'db',
        name: 't1',
        description: 'Sales ${file("/etc/passwd")}',
        columns: [
          { name: 'ok', type: 'string', tags: [] },
          { name: 'email', type: 'string', tags: ['email'] },
        ],
        partitionKeys: [],
      },
    ]);
    expect(read.skipped).toEqual([
      'table t1: column ok: description skipped: it holds invisible characters or is not text',
      'table t1: column "x; DROP TABLE y" skipped: not a Glue column name',
      'table t1: column amount skipped: type "string) ; drop" is not a Glue type',
      'table t1: column email: tag "${x}" skipped: not a tag name',
      'TableList[1]: skipped: table name "../etc" is not a Glue table name',
    ]);
  });

  it('fails on a document of another kind, naming what it expected', () => {
    expect(() => readGlueTables({ nodes: {} })).toThrow('has no `TableList`: expected the JSON that `aws glue get-tables` prints');
    expect(() => readDbtManifest({ TableList: [] })).toThrow('has no `nodes`: expected a dbt manifest (target/manifest.json)');
    expect(() => readOdcsContract({ kind: 'DataContract', apiVersion: 'v2.2.0' })).toThrow('is not an ODCS v3 data contract');
  });
});
