// Header pairs as a numbered table, in the order given and with their original case; names and values are text.
export function HeaderTable({ headers, testId }: { headers: [string, string][]; testId?: string }) {
  return (
    <table className="headers" data-testid={testId}>
      <tbody>
        {headers.map(([name, value], index) => (
          <tr key={index}>
            <td className="index">{index + 1}</td>
            <td>{name}</td>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
