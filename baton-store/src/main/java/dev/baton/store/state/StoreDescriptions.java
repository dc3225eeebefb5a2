package dev.baton.store.state;

import dev.baton.core.describe.StateDescription;
import java.util.List;

/**
 * One release's descriptions of the store's sections (see {@link StoreState}): what a registry
 * saves and loads with.
 *
 * @param header       {@code store}
 * @param nodes        {@code store.nodes}, one instance per chunk of nodes
 * @param connections  {@code store.connections}
 * @param watches      {@code store.watches}
 * @param transactions {@code store.transactions}
 */
public record StoreDescriptions(StateDescription<StoreState.Header> header, StateDescription<StoreState.NodeChunk> nodes,
        StateDescription<StoreState.Connections> connections, StateDescription<StoreState.Watches> watches,
        StateDescription<StoreState.Transactions> transactions) {

    /** The five section descriptions, in stream order. */
    public List<StateDescription<?>> all() {
        return List.of(header, nodes, connections, watches, transactions);
    }
}
