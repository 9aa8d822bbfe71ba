import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;

// #region ids
/** The shop's ingress and egress identifiers, in one place. */
public final class ShopIO {
  public static final IngressIdentifier<CartCommand> COMMANDS =
      new IngressIdentifier<>(CartCommand.class, "shop", "commands");
  public static final EgressIdentifier<Receipt> RECEIPTS =
      new EgressIdentifier<>("shop", "receipts", Receipt.class);
  public static final EgressIdentifier<String> GREETINGS =
      new EgressIdentifier<>("demo", "greetings", String.class);

  private ShopIO() {}
}
// #endregion ids
