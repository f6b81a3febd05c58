// Run by scripts/kafka.sh in Java's source-file mode, on the broker's own classpath:
//   java -cp "<lib>/*" BrokerReady.java <bootstrap> <deadline-ms>
// Exits 0 once the broker is registered, unfenced and serves metadata; 1 with the last error at the deadline.
// An open port is not enough: a KRaft broker listens before its controller has unfenced it.
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

public class BrokerReady {
  public static void main(String[] args) throws InterruptedException {
    String bootstrap = args[0];
    long deadline = System.currentTimeMillis() + Long.parseLong(args[1]);
    Map<String, Object> config = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
    String lastError = "no answer";
    try (Admin admin = Admin.create(config)) {
      while (System.currentTimeMillis() < deadline) {
        try {
          // The metadata a client gets lists unfenced brokers only.
          int brokers = admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size();
          admin.listTopics().names().get(2, TimeUnit.SECONDS);
          if (brokers > 0) return;
          lastError = "no unfenced broker yet";
        } catch (Exception error) {
          lastError = error.getCause() != null ? error.getCause().toString() : error.toString();
        }
        Thread.sleep(200);
      }
    }
    System.err.println("kafka: broker at " + bootstrap + " not ready: " + lastError);
    System.exit(1);
  }
}
